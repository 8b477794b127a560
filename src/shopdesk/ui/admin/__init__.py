"""Looking after the shop: backups and restores, the people who log in, the audit log."""
