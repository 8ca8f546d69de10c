#!/usr/bin/env python3
"""A straightforward Python implementation of SPEC section 4 (csv, decimal, tomllib): the
"script" a clinic might write instead of spaquote. The benchmark times it, and compares its
money columns with spaquote's output.

usage: reference.py PRICING.toml REQUESTS.csv OUT.csv [--date YYYY-MM-DD]
Writes the quotes it can price (rows it cannot are skipped and counted); it checks only
the rules the benchmark input exercises, not every rejection of SPEC section 3.
"""
import csv, datetime as dt, sys, tomllib
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN

pricing, requests, out = sys.argv[1:4]
today = dt.date.fromisoformat(sys.argv[sys.argv.index("--date") + 1]) if "--date" in sys.argv else dt.date.today()
card = tomllib.load(open(pricing, "rb"))
rules = card.get("rules", {})
mode = ROUND_HALF_EVEN if rules.get("rounding") == "half-even" else ROUND_HALF_UP
D = lambda v: Decimal(str(v))
CENT = Decimal("0.01")
R = lambda x: x.quantize(CENT, rounding=mode)
floor, ceiling = D(rules.get("session_price_floor", 100)), D(rules.get("session_price_ceiling", 700))
lo_s, hi_s = rules.get("min_sessions", 1), rules.get("max_sessions", 6)
lo_w, hi_w = rules.get("spacing_weeks_min", 4), rules.get("spacing_weeks_max", 6)
default_w, valid_days = rules.get("default_spacing_weeks", 4), rules.get("quote_valid_days", 30)
deposit_pct = D(rules.get("deposit_percent", 0))
services_taxable = rules.get("services_taxable", False)
series = sorted((s["sessions"], D(s["percent"])) for s in card.get("series_discounts", []))
promos = {k.upper(): v for k, v in card.get("promotions", {}).items()}
days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
cols = ["quote_id", "request_id", "client", "location", "tier", "areas", "sessions", "spacing_weeks",
        "session_list_price", "session_price", "list_total", "series_discount_percent", "series_discount",
        "promo_code", "promo_discount", "treatment_net", "addons_total", "tax", "total", "deposit", "balance",
        "per_session_price", "quote_date", "first_session", "last_session", "valid_until", "rate_card_version"]
skipped = 0
with open(requests, newline="", encoding="utf-8-sig") as f, open(out, "w", newline="", encoding="utf-8") as o:
    w = csv.writer(o)
    w.writerow(cols)
    for r in csv.DictReader(f):
        try:
            loc = card["locations"][r["location"].strip()]
            tier = r["tier"].strip()
            areas = [a.strip() for a in r["areas"].split(";")]
            n = int(r["sessions"])
            weeks = int(r["spacing_weeks"]) if r.get("spacing_weeks", "").strip() else default_w
            if not (lo_s <= n <= hi_s and lo_w <= weeks <= hi_w):
                raise ValueError("range")
            qd = dt.date.fromisoformat(r["quote_date"]) if r.get("quote_date", "").strip() else today
            start = dt.date.fromisoformat(r["start_date"]) if r.get("start_date", "").strip() else qd
            listp = D(loc["rates"][tier]) + sum(D(card["areas"][a]["surcharge"]) for a in areas)
            price = min(max(listp, floor), ceiling)
            total_list = price * n
            pct = next((p for s, p in reversed(series) if s <= n), Decimal(0))
            sd = R(total_list * pct / 100)
            code = r.get("promo", "").strip().upper()
            pd = Decimal(0)
            if code:
                p = promos[code]
                pd = R((total_list - sd) * D(p["percent"]) / 100) if "percent" in p else min(D(p["amount"]), total_list - sd)
            net = total_list - sd - pd
            addons = [a.strip() for a in r.get("addons", "").split(";") if a.strip()]
            lines = [(card["addons"][a], D(card["addons"][a]["price"]) * (n if card["addons"][a]["per"] == "session" else 1)) for a in addons]
            addons_total = sum((amt for _, amt in lines), Decimal(0))
            taxable = sum((amt for a, amt in lines if a.get("taxable")), Decimal(0)) + (net if services_taxable else 0)
            tax = R(taxable * D(loc["tax_rate"]) / 100)
            total = net + addons_total + tax
            deposit = R(total * deposit_pct / 100)
            closed = {days.index(d) for d in loc.get("closed_weekdays", [])}
            def open_day(d):
                while d.weekday() in closed:
                    d += dt.timedelta(days=1)
                return d
            dates = [open_day(start + dt.timedelta(days=7 * weeks * i)) for i in range(n)]
            w.writerow(["", r["request_id"].strip(), r.get("client", "").strip(), r["location"].strip(), tier, ";".join(areas),
                        n, weeks, f"{listp:.2f}", f"{price:.2f}", f"{total_list:.2f}", f"{pct.normalize():f}", f"{sd:.2f}",
                        code, f"{pd:.2f}", f"{net:.2f}", f"{addons_total:.2f}", f"{tax:.2f}", f"{total:.2f}",
                        f"{deposit:.2f}", f"{total - deposit:.2f}", f"{R(net / n):.2f}", qd.isoformat(),
                        dates[0].isoformat(), dates[-1].isoformat(), (qd + dt.timedelta(days=valid_days)).isoformat(),
                        card["version"]])
        except (KeyError, ValueError):
            skipped += 1
print(f"reference.py: skipped {skipped} rows", file=sys.stderr)
