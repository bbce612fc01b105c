"""The national registers out: Norway's KPR (kpr.py) and Sweden's register of social services
for older and disabled people (socialstyrelsen.py), read from the records by extract.py and
made into the files the registers take, with a preview and a run log (runs.py)."""
