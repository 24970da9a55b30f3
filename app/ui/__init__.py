"""The Qt user interface: one module per panel, composed by main_window."""
