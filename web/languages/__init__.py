"""Admin pages of the broadcast languages (ngôn ngữ phát sóng)."""
