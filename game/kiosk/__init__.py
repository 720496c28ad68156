"""The museum kiosk: a Mode, its config, its screens, its counts and its watchdog."""
