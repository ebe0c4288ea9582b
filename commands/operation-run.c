/*
 * operation-run.c: an operation's calls for one command, as the CLI's
 * CLIOperationCaller makes them: every page merged when the operation
 * paginates and paging is on, one call otherwise; then what the CLI
 * does to the result before printing it - the streaming payload saved to
 * OUTFILE is left out (streamingoutputarg.py), and timestamps that came
 * as epoch numbers are shown in local time.
 *
 * --dry-run prints the first request only: the next page's request
 * depends on an answer that a dry run does not get.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>

/* Status of a fetch that stopped after a dry run printed its request. */
#define DRY_STOP 2

/* The fetch of hs_paginate: one call. */
static int
fetch(void *arg, const cJSON *input, cJSON **output)
{
	struct hs_op_call *c = arg;

	if (hs_op_call_once(c, input, output) < 0)
		return 1;
	return c->dry_run != NULL ? DRY_STOP : 0;
}

/* Drop the streaming payload that went to OUTFILE. */
static void
drop_payload(const struct aws_operation *op, cJSON *output)
{
	const struct aws_shape *out = op->output.shape;

	if (out != NULL && out->traits.payload != NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(output,
		    out->traits.payload);
}

/* Run an operation for a command. */
int
hs_op_run(struct hs_op_call *c, const struct hs_op_input *in,
    cJSON **output)
{
	char *cause = NULL;
	int rc;

	*output = NULL;
	if (!in->paging.enabled)
		rc = hs_op_call_once(c, in->input, output) < 0 ? 1 : 0;
	else
		rc = hs_paginate(c->op, in->input, &in->paging, fetch, c,
		    output, &cause);
	if (rc == DRY_STOP || (rc == 0 && c->dry_run != NULL)) {
		cJSON_Delete(*output);
		*output = NULL;
		return 0;
	}
	if (rc < 0) {
		hs_op_fail(&c->err, strncmp(cause, "Bad starting token", 18) ?
		    HS_OP_FAIL_GENERAL : HS_OP_FAIL_USAGE, "%s", cause);
		free(cause);
	}
	if (rc != 0)
		return -1;
	if (c->outfile != NULL)
		drop_payload(c->op, *output);
	hs_output_local_times(*output, c->op->service, &c->op->output);
	return 0;
}
