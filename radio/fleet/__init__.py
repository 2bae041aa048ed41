"""The fleet: what stations report about themselves (health), remote commands, emergency
receipts and alerts. See docs/fleet.md for the protocol."""
