"""involve's analysis library: pure functions over plain data (text themes, representativeness,
privacy). It never imports Flask, SQLAlchemy or the involve app, so it can be used and tested
on its own."""
