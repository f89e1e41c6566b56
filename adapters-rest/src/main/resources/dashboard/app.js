// the dashboard (being built)
