/*
 * endpoint-dump: run botocore's construct_endpoint() algorithm (ours) on
 * lines of "SERVICE REGION FIPS DUALSTACK" read from stdin ("-" for no
 * region, 0/1 for the flags) and print one line per query:
 * "HOSTNAME SIGNING-REGION PARTITION", "NONE" when no partition knows
 * the region, or "ERROR". tests/t0210-endpoints-botocore.sh compares
 * the output with botocore's own EndpointResolver.
 *
 *   endpoint-dump ENDPOINTS_JSON <queries
 */
#include "hs-common.h"
#include "endpoint-int.h"

/* Answer one query line. */
static void
answer(const struct aws_endpoints *eps, char *line)
{
	char *save = NULL, *svc, *region, *fips, *dual, *cause = NULL;
	struct aws_resolved r;
	int k;

	svc = strtok_r(line, " \n", &save);
	region = strtok_r(NULL, " \n", &save);
	fips = strtok_r(NULL, " \n", &save);
	dual = strtok_r(NULL, " \n", &save);
	if (svc == NULL || region == NULL || fips == NULL || dual == NULL) {
		puts("ERROR bad query");
		return;
	}
	k = aws_endpoints_construct(eps, svc, strcmp(region, "-") ? region :
	    NULL, NULL, *fips == '1', *dual == '1', &r, &cause);
	if (k < 0)
		puts("ERROR");
	else if (k == 0)
		puts("NONE");
	else
		printf("%s %s %s\n", r.hostname, r.scope_region ?
		    r.scope_region : r.endpoint_name, r.partition->name);
	free(cause);
	aws_resolved_clear(&r);
}

int
main(int argc, char **argv)
{
	struct aws_endpoints *eps;
	char line[1024], *cause = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: endpoint-dump ENDPOINTS_JSON <queries\n");
		return 2;
	}
	if (aws_endpoints_load(&eps, argv[1], &cause) < 0) {
		fprintf(stderr, "endpoint-dump: %s\n", cause);
		free(cause);
		return 1;
	}
	while (fgets(line, sizeof line, stdin) != NULL)
		answer(eps, line);
	aws_endpoints_free(eps);
	return 0;
}
