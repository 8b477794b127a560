"""Plain Python: entities, value types and rules. No Qt, no SQLAlchemy."""
