# commands/: sources are listed here as the folder's issue lands.
include commands/operation.mk
