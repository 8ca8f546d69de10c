#!/usr/bin/env python3
"""Deterministic requests CSV for benchmarks: generate.py ROWS OUT.csv

Rows are valid for Examples/pricing.toml (quote dates in November 2026), with one in
twenty invalid (7 sessions), so both outputs get rows. The same ROWS gives the same bytes.
"""
import random, sys

rows, out = int(sys.argv[1]), sys.argv[2]
r = random.Random(20261126)
locations = ["downtown", "uptown", "riverside"]
tiers = ["associate", "senior", "physician"]
area_sets = ["face", "face;neck", "face;neck;scalp", "decollete", "face;acne_scars", "neck;scalp"]
addon_sets = ["", "numbing", "aftercare_kit", "numbing;growth_serum", "growth_serum;aftercare_kit"]
clients = ["Ana Ruiz", "Mark Chen", "\"Lee, Min-jun\"", "Zoë Faure", "Priya Natarajan", "Tomás O'Neill"]
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("request_id,client,location,tier,areas,sessions,spacing_weeks,start_date,addons,promo,quote_date,status,accepted_on\r\n")
    for i in range(rows):
        day = r.randint(1, 28)
        loc = r.choice(locations)
        sessions = 7 if i % 20 == 19 else r.randint(1, 6)
        promo = r.choice(["", "", "NEWCLIENT50" if sessions >= 3 else "", "RIVER15" if loc == "riverside" else ""])
        status = r.choice(["", "quoted", "accepted", "declined"])
        accepted = f"2026-12-{day:02d}" if status == "accepted" else ""
        f.write(f"B{i:07d},{r.choice(clients)},{loc},{r.choice(tiers)},{r.choice(area_sets)},{sessions},"
                f"{r.choice(['', '4', '5', '6'])},,{r.choice(addon_sets)},{promo},2026-11-{day:02d},{status},{accepted}\r\n")
