"""The emulation pages, one module per subject: campaigns, the annual plan, deadlines,
registrations, indicators and result reports (emulation.urls names each view)."""
