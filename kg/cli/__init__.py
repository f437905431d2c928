"""kg/cli package."""
