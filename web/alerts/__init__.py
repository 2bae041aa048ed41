"""The alerts pages: the list in the user's scope, the thresholds (admins) and each user's
subscriptions."""
