# scripts/: sources are listed here as the folder's issue lands.
