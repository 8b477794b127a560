"""SQLAlchemy tables, engine set-up, unit of work, migrations and backups."""

# Every engine made in this process tells the change probes about its commits (db/changes.py).
from shopdesk.db import changes as changes
