"""The page plan: every page the site will have, and the views templates see. Pure."""
