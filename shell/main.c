/*
 * main.c: hipaa-shell's entry point.
 */
#include "hs-common.h"

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("hipaa-shell %s\n", PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: hipaa-shell [--version]\n");
	return 2;
}
