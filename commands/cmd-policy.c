/*
 * cmd-policy.c: the `policy` group: `policy check` (cmd-policy-check.c)
 * and `policy simulate` (cmd-policy-simulate.c), questions about IAM
 * policies answered offline by policy/, without any AWS call.
 *
 * The group takes the global options so that --output json reaches the
 * sub-commands; they read nothing else of them.
 */
#include "hs-common.h"
#include "commands-int.h"

static const struct hs_cmd *const policy_subs[] = {
	&hs_cmd_policy_check,
	&hs_cmd_policy_simulate,
	NULL,
};

const struct hs_cmd hs_cmd_policy = {
	.name = "policy",
	.usage = "check|simulate ...",
	.summary = "lint a policy, or simulate a request against policies "
	    "(offline)",
	.flags = HS_CMD_GLOBAL_OPTIONS,
	.subcommands = policy_subs,
};
