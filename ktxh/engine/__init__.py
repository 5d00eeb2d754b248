"""Pure evaluation engine: numbers, periods, status rules, roll-ups (stdlib only, no Django)."""
