"""brinkwatch: news in, conflict event data out."""
