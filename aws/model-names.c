/*
 * model-names.c: the names the AWS CLI gives services, operations and
 * parameters.
 *
 * Operations and parameters are botocore's xform_name() of the model
 * name with '-' (botocore/__init__.py): an optional "ARNs"-style suffix
 * split, then the regex substitutions (.)([A-Z][a-z]+) -> \1-\2 and
 * ([a-z0-9])([A-Z]) -> \1-\2, lower-cased. botocore seeds its cache with
 * a few names the rules get wrong (iSCSI, PartiQL, WhatsApp...); those
 * overrides are botocore's data and are copied below (botocore 1.43.11;
 * t0300 compares every operation name with the installed botocore, so a
 * newer botocore with more overrides makes that test fail loudly).
 *
 * Service commands are the data folder names, except for the three the
 * AWS CLI renames (awscli/customizations: s3 -> s3api, config ->
 * configservice, codedeploy -> deploy).
 */
#include "hs-common.h"
#include "model.h"

#include <ctype.h>

static const struct {
	const char *name;
	const char *cli;
} xform_overrides[] = {
	{ "AssociateWhatsAppBusinessAccount",
	  "associate-whatsapp-business-account" },
	{ "CreateCachediSCSIVolume", "create-cached-iscsi-volume" },
	{ "CreateStorediSCSIVolume", "create-stored-iscsi-volume" },
	{ "CreateWhatsAppMessageTemplate", "create-whatsapp-message-template" },
	{ "CreateWhatsAppMessageTemplateFromLibrary",
	  "create-whatsapp-message-template-from-library" },
	{ "CreateWhatsAppMessageTemplateMedia",
	  "create-whatsapp-message-template-media" },
	{ "DeleteWhatsAppMessageMedia", "delete-whatsapp-message-media" },
	{ "DeleteWhatsAppMessageTemplate", "delete-whatsapp-message-template" },
	{ "DescribeCachediSCSIVolumes", "describe-cached-iscsi-volumes" },
	{ "DescribeStorediSCSIVolumes", "describe-stored-iscsi-volumes" },
	{ "DisassociateWhatsAppBusinessAccount",
	  "disassociate-whatsapp-business-account" },
	{ "ExecutePartiQLBatch", "execute-partiql-batch" },
	{ "ExecutePartiQLStatement", "execute-partiql-statement" },
	{ "ExecutePartiQLTransaction", "execute-partiql-transaction" },
	{ "GetLinkedWhatsAppBusinessAccount",
	  "get-linked-whatsapp-business-account" },
	{ "GetLinkedWhatsAppBusinessAccountPhoneNumber",
	  "get-linked-whatsapp-business-account-phone-number" },
	{ "GetOTelEnrichment", "get-otel-enrichment" },
	{ "GetWhatsAppMessageMedia", "get-whatsapp-message-media" },
	{ "GetWhatsAppMessageTemplate", "get-whatsapp-message-template" },
	{ "ListHITsForQualificationType", "list-hits-for-qualification-type" },
	{ "ListLinkedWhatsAppBusinessAccounts",
	  "list-linked-whatsapp-business-accounts" },
	{ "ListWhatsAppMessageTemplates", "list-whatsapp-message-templates" },
	{ "ListWhatsAppTemplateLibrary", "list-whatsapp-template-library" },
	{ "PostWhatsAppMessageMedia", "post-whatsapp-message-media" },
	{ "PutWhatsAppBusinessAccountEventDestinations",
	  "put-whatsapp-business-account-event-destinations" },
	{ "SendWhatsAppMessage", "send-whatsapp-message" },
	{ "StartOTelEnrichment", "start-otel-enrichment" },
	{ "StopOTelEnrichment", "stop-otel-enrichment" },
	{ "UpdateWhatsAppMessageTemplate", "update-whatsapp-message-template" },
};

static const struct {
	const char *service;
	const char *cli;
} service_renames[] = {
	{ "codedeploy", "deploy" },
	{ "config", "configservice" },
	{ "s3", "s3api" },
};

static bool
is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

/* Apply (.)([A-Z][a-z]+) -> \1 sep \2, left to right as re.sub does. */
static void
split_first_caps(struct hs_buf *out, const char *s, size_t len, char sep)
{
	size_t p = 0;

	while (p < len) {
		if (p + 2 < len && s[p] != '\n' && is_upper(s[p + 1]) &&
		    is_lower(s[p + 2])) {
			size_t q = p + 3;

			while (q < len && is_lower(s[q]))
				q++;
			hs_buf_addch(out, s[p]);
			hs_buf_addch(out, sep);
			hs_buf_add(out, s + p + 1, q - p - 1);
			p = q;
		} else {
			hs_buf_addch(out, s[p]);
			p++;
		}
	}
}

/* Apply ([a-z0-9])([A-Z]) -> \1 sep \2, then lower-case everything. */
static void
split_end_caps(struct hs_buf *out, const char *s, size_t len, char sep)
{
	size_t p = 0;

	while (p < len) {
		unsigned char c = (unsigned char)s[p];

		if (p + 1 < len && (is_lower(c) || (c >= '0' && c <= '9')) &&
		    is_upper(s[p + 1])) {
			hs_buf_addch(out, c);
			hs_buf_addch(out, sep);
			hs_buf_addch(out, tolower((unsigned char)s[p + 1]));
			p += 2;
		} else {
			hs_buf_addch(out, is_upper(c) ? tolower(c) : c);
			p++;
		}
	}
}

/* Length of a trailing [A-Z]{2,}s match, or 0. */
static size_t
special_suffix(const char *s, size_t len)
{
	size_t i;

	if (len < 3 || s[len - 1] != 's')
		return 0;
	i = len - 1;
	while (i > 0 && is_upper(s[i - 1]))
		i--;
	return len - 1 - i >= 2 ? len - i : 0;
}

/* The override for name, with '-' replaced by sep; NULL if none. */
static char *
xform_override(const char *name, char sep)
{
	size_t i;
	char *s, *p;

	for (i = 0; i < HS_ARRAY_SIZE(xform_overrides); i++) {
		if (strcmp(xform_overrides[i].name, name) != 0)
			continue;
		s = hs_xstrdup(xform_overrides[i].cli);
		for (p = s; *p; p++)
			if (*p == '-')
				*p = sep;
		return s;
	}
	return NULL;
}

/* botocore's xform_name: "ListMFADevices" -> "list-mfa-devices". */
char *
aws_model_xform_name(const char *name, char sep)
{
	struct hs_buf pre = HS_BUF_INIT, s1 = HS_BUF_INIT, out = HS_BUF_INIT;
	size_t len = strlen(name), suffix;
	char *over;

	if (strchr(name, sep) != NULL)
		return hs_xstrdup(name);
	over = xform_override(name, sep);
	if (over != NULL)
		return over;
	suffix = special_suffix(name, len);
	hs_buf_add(&pre, name, len - suffix);
	if (suffix) {
		size_t i;

		hs_buf_addch(&pre, sep);
		for (i = len - suffix; i < len; i++)
			hs_buf_addch(&pre, tolower((unsigned char)name[i]));
	}
	split_first_caps(&s1, pre.buf, pre.len, sep);
	split_end_caps(&out, s1.buf, s1.len, sep);
	hs_buf_release(&pre);
	hs_buf_release(&s1);
	return hs_buf_detach(&out, NULL);
}

/* The CLI command of a service: "s3" -> "s3api". */
const char *
aws_model_cli_service_name(const char *name)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(service_renames); i++)
		if (strcmp(service_renames[i].service, name) == 0)
			return service_renames[i].cli;
	return name;
}

/* The service of a CLI command: "s3api" -> "s3". */
const char *
aws_model_service_name_for_cli(const char *cli_name)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(service_renames); i++) {
		if (strcmp(service_renames[i].cli, cli_name) == 0)
			return service_renames[i].service;
		/* the renamed services have no command of their own name */
		if (strcmp(service_renames[i].service, cli_name) == 0)
			return NULL;
	}
	return cli_name;
}
