"""Pages for residents, businesses and community groups: no sign-in."""
