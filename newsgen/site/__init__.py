"""The archive as a whole: the site's settings, the catalog, URL placing and its ledger, the newsroom, the schedule."""
