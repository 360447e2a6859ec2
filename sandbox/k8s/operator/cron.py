"""Cron schedules as the operator reads them (robfig/cron's standard parser): five fields,
names for months and weekdays, `*`, ranges, lists and steps, `@hourly`-style descriptors,
`@every <duration>`, and `CRON_TZ=`/`TZ=` prefixes; plus the spec's `timeZone`."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

FIELDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]
NAMES = [{}, {}, {}, {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())},
         {d: i for i, d in enumerate("sun mon tue wed thu fri sat".split())}]
DESCRIPTORS = {"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
               "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *"}


class CronError(ValueError):
    pass


def _field(text, idx):
    lo, hi = FIELDS[idx]
    out = set()
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, s = part.split("/", 1)
            if not s.isdigit() or int(s) == 0:
                raise CronError(f"bad step: {s}")
            step = int(s)
        if part in ("*", "?"):
            a, b = lo, hi
        elif "-" in part:
            a, b = (_value(x, idx) for x in part.split("-", 1))
        else:
            a = _value(part, idx)
            b = hi if step > 1 else a
        if a < lo or b > hi or a > b:
            raise CronError(f"end of range ({b}) above maximum ({hi}): {part}" if b > hi else f"beginning of range ({a}) below minimum ({lo}): {part}")
        out.update(range(a, b + 1, step))
    return out


def _value(x, idx):
    x = x.lower()
    if x in NAMES[idx]:
        return NAMES[idx][x]
    if not x.isdigit():
        raise CronError(f"failed to parse int from {x}: strconv.Atoi: parsing \"{x}\": invalid syntax")
    v = int(x)
    return 0 if idx == 4 and v == 7 else v


class Schedule:
    def __init__(self, spec, time_zone=None):
        text = spec.strip()
        tz = time_zone
        m = re.match(r"^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$", text)
        if m:
            tz, text = m.group(1), m.group(2)
        try:
            self.tz = ZoneInfo(tz) if tz else dt.timezone.utc
        except Exception:
            raise CronError(f"provided bad location {tz}: unknown time zone {tz}") from None
        self.every = None
        if text.startswith("@every "):
            self.every = _duration(text[7:].strip())
            return
        text = DESCRIPTORS.get(text, text)
        parts = text.split()
        if len(parts) != 5:
            raise CronError(f"expected exactly 5 fields, found {len(parts)}: [{' '.join(parts)}]")
        self.sets = [_field(p, i) for i, p in enumerate(parts)]
        self.dom_star, self.dow_star = parts[2] in ("*", "?"), parts[4] in ("*", "?")

    def next(self, after):
        """The first activation strictly after `after` (an aware datetime)."""
        if self.every is not None:
            return after + self.every
        t = after.astimezone(self.tz).replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        for _ in range(60 * 24 * 366 * 5):
            mi, h, dom, mon, dow = self.sets
            day_ok = (t.day in dom) and ((t.isoweekday() % 7) in dow) if (self.dom_star or self.dow_star) else \
                (t.day in dom) or ((t.isoweekday() % 7) in dow)
            if t.month in mon and day_ok and t.hour in h and t.minute in mi:
                return t
            if t.month not in mon or not day_ok:
                t = (t + dt.timedelta(days=1)).replace(hour=0, minute=0)
            elif t.hour not in h:
                t = (t + dt.timedelta(hours=1)).replace(minute=0)
            else:
                t += dt.timedelta(minutes=1)
        raise CronError("no activation within five years")


def _duration(s):
    total = 0.0
    for num, unit in re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s)", s):
        total += float(num) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001}[unit]
    if total <= 0:
        raise CronError(f"failed to parse duration @every {s}: time: invalid duration \"{s}\"")
    return dt.timedelta(seconds=total)
