"""The audit log, for admins and auditors."""
