/*
 * dot-words.c: `.words LINE`, how the lexer split LINE (after
 * continuation, quoting and variable expansion), as a JSON array.
 *
 * The lexer has already done the work: the words after `.words` are the
 * split. Nothing else touches them (no global options are taken out).
 */
#include "hs-common.h"
#include "commands.h"

#include <cJSON.h>

/* Print the words as a JSON array of strings. */
static int
words_exec(struct hs_ctx *ctx)
{
	cJSON *arr = cJSON_CreateArray();
	char *text;
	size_t i;

	if (arr == NULL)
		BUG("cJSON_CreateArray failed");
	for (i = 0; i < ctx->args.npos; i++)
		if (!cJSON_AddItemToArray(arr,
		    cJSON_CreateString(ctx->args.pos[i])))
			BUG("cJSON_AddItemToArray failed");
	text = cJSON_PrintUnformatted(arr);
	if (text == NULL)
		BUG("cJSON_PrintUnformatted failed");
	fprintf(ctx->out, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(arr);
	return 0;
}

const struct hs_cmd hs_cmd_dot_words = {
	.name = ".words",
	.args = { .min = 0, .max = -1 },
	.usage = "LINE",
	.summary = "print how the lexer splits LINE, as a JSON array",
	.flags = HS_CMD_NO_HISTORY,
	.exec = words_exec,
};
