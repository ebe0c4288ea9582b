/*
 * config-dump: parse config files as hipaa-shell does and print each as
 * botocore's load_config() result in JSON, one line per file, or
 * "ERROR <message>" when a file is malformed. tests/t0220 compares the
 * lines with botocore's own answers.
 *
 *   config-dump FILE...
 */
#include "hs-common.h"
#include "aws/config.h"
#include "config-json.h"

int
main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: config-dump FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct aws_config *cfg = NULL;
		char *cause = NULL, *text;
		cJSON *json;

		if (aws_config_load(&cfg, argv[i], "/nonexistent/credentials",
		    &cause) < 0) {
			printf("ERROR %s\n", cause);
			free(cause);
			continue;
		}
		json = config_json(cfg);
		text = cJSON_PrintUnformatted(json);
		printf("%s\n", text);
		free(text);
		cJSON_Delete(json);
		aws_config_free(cfg);
	}
	return 0;
}
