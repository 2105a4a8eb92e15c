"""What people read: memo context and labels, rendering, JSON, audit, dashboard, 和暦 and yen."""
