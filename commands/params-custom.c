/*
 * params-custom.c: the AWS CLI's own changes to the commands the models
 * give, as data - argument renames and hidden aliases
 * (customizations/argrename.py), removed operations (removals.py), the
 * old shorthand for lists of one-member structures (argprocess.py
 * _uses_old_list_case), and the lambda operations whose zip file is
 * hoisted to --zip-file (awslambda.py). These are the CLI's syntax, not
 * API shapes: shapes come only from the models.
 *
 * Keys are "COMMAND.OPERATION.ARGUMENT" with the CLI's command names
 * ("s3api", "deploy"); "*" as OPERATION matches every operation.
 */
#include "hs-common.h"
#include "operation.h"

struct rename {
	const char *key;
	const char *to;
};

/* argrename.py ARGUMENT_RENAMES (AWS CLI v2). */
static const struct rename renames[] = {
	{ "ec2.create-image.no-no-reboot", "reboot" },
	{ "ec2.*.no-egress", "ingress" },
	{ "ec2.*.no-disable-api-termination", "enable-api-termination" },
	{ "opsworks.*.region", "stack-region" },
	{ "elastictranscoder.*.output", "job-output" },
	{ "swf.register-activity-type.version", "activity-version" },
	{ "swf.register-workflow-type.version", "workflow-version" },
	{ "datapipeline.*.query", "objects-query" },
	{ "datapipeline.get-pipeline-definition.version", "pipeline-version" },
	{ "emr.*.job-flow-ids", "cluster-ids" },
	{ "emr.*.job-flow-id", "cluster-id" },
	{ "cloudsearchdomain.search.query", "search-query" },
	{ "cloudsearchdomain.suggest.query", "suggest-query" },
	{ "sns.subscribe.endpoint", "notification-endpoint" },
	{ "deploy.*.s-3-location", "s3-location" },
	{ "deploy.*.ec-2-tag-filters", "ec2-tag-filters" },
	{ "codepipeline.get-pipeline.version", "pipeline-version" },
	{ "codepipeline.create-custom-action-type.version", "action-version" },
	{ "codepipeline.delete-custom-action-type.version", "action-version" },
	{ "kinesisanalytics.add-application-output.output",
	  "application-output" },
	{ "kinesisanalyticsv2.add-application-output.output",
	  "application-output" },
	{ "route53.delete-traffic-policy.version", "traffic-policy-version" },
	{ "route53.get-traffic-policy.version", "traffic-policy-version" },
	{ "route53.update-traffic-policy-comment.version",
	  "traffic-policy-version" },
	{ "gamelift.create-build.version", "build-version" },
	{ "gamelift.update-build.version", "build-version" },
	{ "gamelift.create-script.version", "script-version" },
	{ "gamelift.update-script.version", "script-version" },
	{ "route53domains.view-billing.start", "start-time" },
	{ "route53domains.view-billing.end", "end-time" },
	{ "apigateway.create-rest-api.version", "api-version" },
	{ "apigatewayv2.create-api.version", "api-version" },
	{ "apigatewayv2.update-api.version", "api-version" },
	{ "pinpoint.get-campaign-version.version", "campaign-version" },
	{ "pinpoint.get-segment-version.version", "segment-version" },
	{ "pinpoint.delete-email-template.version", "template-version" },
	{ "pinpoint.delete-in-app-template.version", "template-version" },
	{ "pinpoint.delete-push-template.version", "template-version" },
	{ "pinpoint.delete-sms-template.version", "template-version" },
	{ "pinpoint.delete-voice-template.version", "template-version" },
	{ "pinpoint.get-email-template.version", "template-version" },
	{ "pinpoint.get-in-app-template.version", "template-version" },
	{ "pinpoint.get-push-template.version", "template-version" },
	{ "pinpoint.get-sms-template.version", "template-version" },
	{ "pinpoint.get-voice-template.version", "template-version" },
	{ "pinpoint.update-email-template.version", "template-version" },
	{ "pinpoint.update-in-app-template.version", "template-version" },
	{ "pinpoint.update-push-template.version", "template-version" },
	{ "pinpoint.update-sms-template.version", "template-version" },
	{ "pinpoint.update-voice-template.version", "template-version" },
	{ "stepfunctions.send-task-success.output", "task-output" },
	{ "clouddirectory.publish-schema.version", "schema-version" },
	{ "mturk.list-qualification-types.query", "types-query" },
	{ "workdocs.create-notification-subscription.endpoint",
	  "notification-endpoint" },
	{ "workdocs.describe-users.query", "user-query" },
	{ "lex-models.delete-bot.version", "bot-version" },
	{ "lex-models.delete-intent.version", "intent-version" },
	{ "lex-models.delete-slot-type.version", "slot-type-version" },
	{ "lex-models.get-intent.version", "intent-version" },
	{ "lex-models.get-slot-type.version", "slot-type-version" },
	{ "lex-models.delete-bot-version.version", "bot-version" },
	{ "lex-models.delete-intent-version.version", "intent-version" },
	{ "lex-models.delete-slot-type-version.version", "slot-type-version" },
	{ "lex-models.get-export.version", "resource-version" },
	{ "license-manager.get-grant.version", "grant-version" },
	{ "license-manager.delete-grant.version", "grant-version" },
	{ "license-manager.get-license.version", "license-version" },
	{ "mobile.create-project.region", "project-region" },
	{ "rekognition.create-stream-processor.output",
	  "stream-processor-output" },
	{ "eks.create-cluster.version", "kubernetes-version" },
	{ "eks.update-cluster-version.version", "kubernetes-version" },
	{ "eks.create-nodegroup.version", "kubernetes-version" },
	{ "eks.update-nodegroup-version.version", "kubernetes-version" },
	{ "schemas.*.version", "schema-version" },
	{ "sagemaker.delete-image-version.version", "version-number" },
	{ "sagemaker.describe-image-version.version", "version-number" },
	{ "sagemaker.list-aliases.version", "version-number" },
	{ "sagemaker.update-image-version.version", "version-number" },
	{ "iotwireless.*.lo-ra-wan", "lorawan" },
	{ "codepipeline.get-action-type.version", "action-version" },
	{ "ecs.*.no-enable-execute-command", "disable-execute-command" },
	{ "ecs.execute-command.no-interactive", "non-interactive" },
};

/* argrename.py HIDDEN_ALIASES: a second, undocumented name. */
static const struct rename aliases[] = {
	{ "mgn.*.replication-servers-security-groups-ids",
	  "replication-servers-security-groups-i-ds" },
	{ "mgn.*.source-server-ids", "source-server-i-ds" },
	{ "mgn.*.replication-configuration-template-ids",
	  "replication-configuration-template-i-ds" },
	{ "elasticache.create-replication-group.preferred-cache-cluster-azs",
	  "preferred-cache-cluster-a-zs" },
};

/* removals.py: operations the CLI does not offer. */
static const char *const removed[] = {
	"ec2.import-instance",
	"ec2.import-volume",
	"emr.add-job-flow-steps",
	"emr.describe-job-flows",
	"emr.list-bootstrap-actions",
	"emr.list-instance-groups",
	"emr.run-job-flow",
	"emr.set-termination-protection",
	"emr.set-visible-to-all-users",
	"emr.terminate-job-flows",
	"kinesis.subscribe-to-shard",
	"lexv2-runtime.start-conversation",
	"ses.delete-verified-email-address",
	"ses.list-verified-email-addresses",
	"ses.verify-email-address",
};

/* argprocess.py _uses_old_list_case: "--instances i-1 i-2" shorthand. */
static const char *const old_list_case[] = {
	"elb.deregister-instances-from-load-balancer.instances",
	"elb.describe-instance-health.instances",
	"elb.register-instances-with-load-balancer.instances",
	"elb.remove-tags.tags",
	"firehose.put-record-batch.records",
	"workspaces.reboot-workspaces.reboot-workspace-requests",
	"workspaces.rebuild-workspaces.rebuild-workspace-requests",
	"workspaces.terminate-workspaces.terminate-workspace-requests",
};

/* awslambda.py: the operations whose ZipFile moves to --zip-file. */
static const struct rename zip_hoists[] = {
	{ "lambda.create-function", "Code" },
	{ "lambda.publish-layer-version", "Content" },
};

/* Tell whether key "C.O.A" (or "C.O" when arg is NULL) names this
 * command, operation and argument; "*" matches any operation. */
static bool
key_matches(const char *key, const char *cmd, const char *op, const char *arg)
{
	size_t n = strlen(cmd);
	const char *rest;

	if (strncmp(key, cmd, n) != 0 || key[n] != '.')
		return false;
	rest = key + n + 1;
	if (rest[0] == '*' && rest[1] == '.')
		rest += 1;
	else {
		n = strlen(op);
		if (strncmp(rest, op, n) != 0)
			return false;
		rest += n;
	}
	if (arg == NULL)
		return *rest == '\0';
	return rest[0] == '.' && strcmp(rest + 1, arg) == 0;
}

/* The CLI's new name for an argument, or NULL. */
const char *
hs_params_renamed(const char *cmd, const char *op, const char *arg)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(renames); i++)
		if (key_matches(renames[i].key, cmd, op, arg))
			return renames[i].to;
	return NULL;
}

/* The hidden alias the CLI adds for an argument, or NULL. */
const char *
hs_params_alias(const char *cmd, const char *op, const char *arg)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(aliases); i++)
		if (key_matches(aliases[i].key, cmd, op, arg))
			return aliases[i].to;
	return NULL;
}

/* Tell whether the CLI removes an operation. */
bool
hs_operation_removed(const char *cmd, const char *op)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(removed); i++)
		if (key_matches(removed[i], cmd, op, NULL))
			return true;
	return false;
}

/* Tell whether an argument takes the old "--x a b c" list shorthand. */
bool
hs_params_old_list_case(const char *cmd, const char *op, const char *arg)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(old_list_case); i++)
		if (key_matches(old_list_case[i], cmd, op, arg))
			return true;
	return false;
}

/* The member whose ZipFile the CLI hoists to --zip-file, or NULL. */
const char *
hs_params_zip_parent(const char *cmd, const char *op)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(zip_hoists); i++)
		if (key_matches(zip_hoists[i].key, cmd, op, NULL))
			return zip_hoists[i].to;
	return NULL;
}
