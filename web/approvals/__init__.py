"""The approval pages (Chờ duyệt): the list, the phone page, and the panel partial."""
