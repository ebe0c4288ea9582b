/*
 * model-dump.c: print what the models give the CLI, for tests that
 * compare it with botocore and the AWS CLI (t0301).
 *
 *   model-dump services             data folder name, TAB, CLI command
 *   model-dump names SERVICE...     SERVICE TAB Op TAB op-cli-name, then
 *                                   SERVICE TAB Op TAB Member TAB cli-name
 *                                   for each input member
 *   model-dump time SERVICE         milliseconds to load it (once)
 *
 * "names all" means every service found.
 */
#include "hs-common.h"
#include "model.h"

#include <time.h>

static int
dump_names(const char *name)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(name, &cause);
	size_t i, j;

	if (svc == NULL) {
		fprintf(stderr, "model-dump: %s\n", cause);
		free(cause);
		return -1;
	}
	for (i = 0; i < svc->n_operations; i++) {
		const struct aws_operation *op = &svc->operations[i];
		const struct aws_shape *in = op->input.shape;

		printf("%s\t%s\t%s\n", name, op->name, op->cli_name);
		for (j = 0; in != NULL && j < in->n_members; j++)
			printf("%s\t%s\t%s\t%s\n", name, op->name,
			    in->members[j].name, in->members[j].cli_name);
	}
	return 0;
}

static int
dump_all(void)
{
	size_t n, i;
	char **list = aws_model_list_services(&n);
	int rc = 0;

	for (i = 0; i < n; i++) {
		if (dump_names(list[i]) < 0)
			rc = -1;
		aws_model_cache_clear();
	}
	aws_model_list_free(list, n);
	return rc;
}

static int
time_load(const char *name)
{
	struct timespec a, b;
	char *cause = NULL;
	const struct aws_service *svc;

	clock_gettime(CLOCK_MONOTONIC, &a);
	svc = aws_model_get(name, &cause);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (svc == NULL) {
		fprintf(stderr, "model-dump: %s\n", cause);
		free(cause);
		return -1;
	}
	printf("%.1f\n", (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6);
	return 0;
}

int
main(int argc, char **argv)
{
	size_t n, i;
	char **list;
	int rc = 0, k;

	if (argc >= 2 && strcmp(argv[1], "services") == 0) {
		list = aws_model_list_services(&n);
		for (i = 0; i < n; i++)
			printf("%s\t%s\n", list[i],
			    aws_model_cli_service_name(list[i]));
		aws_model_list_free(list, n);
	} else if (argc >= 3 && strcmp(argv[1], "names") == 0) {
		for (k = 2; k < argc; k++)
			if ((strcmp(argv[k], "all") == 0 ? dump_all() :
			    dump_names(argv[k])) < 0)
				rc = 1;
	} else if (argc == 3 && strcmp(argv[1], "time") == 0) {
		rc = time_load(argv[2]) < 0;
	} else {
		fprintf(stderr, "usage: model-dump services | names SERVICE... "
		    "| time SERVICE\n");
		return 2;
	}
	aws_model_cache_clear();
	return rc;
}
