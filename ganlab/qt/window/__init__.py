"""The main window: layout and wiring (main_window), its menus as a table (menus), what its entries do (commands)."""
