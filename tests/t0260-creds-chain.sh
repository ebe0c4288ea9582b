#!/bin/sh
# t0260-creds-chain: the credential chain with real files, environment
# and credential_process scripts, checked against the AWS CLI v2 where it
# is installed (the reference for the order of providers).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-fake-responder.sh"
. "$top_srcdir/tests/lib-cli-oracle.sh"

cli_test() {
	if test -n "$AWS_CLI_V2"; then
		test_expect_success "$@"
	else
		test_skip "$1" "the AWS CLI v2 is not installed"
	fi
}

test_expect_success 'no credentials anywhere: exit 253, saying where it looked' '
	expect_status 253 "$NET_TOOL" creds >out 2>err &&
	test_grep "unable to locate credentials for profile .default." err &&
	test_grep "environment variables (AWS_ACCESS_KEY_ID is not set)" err &&
	test_grep "shared credentials file .$HOME/.aws/credentials." err &&
	test_grep "EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)" err
'

test_expect_success 'keys in the credentials file' '
	cat >"$HOME/.aws/credentials" <<-\INI &&
	[default]
	aws_access_key_id = AKIDDEFAULT
	aws_secret_access_key = defaultsecret
	[dev]
	aws_access_key_id = AKIDDEV
	aws_secret_access_key = devsecret
	INI
	"$NET_TOOL" creds >out &&
	test_grep "^provider: shared-credentials-file" out &&
	test_grep "^access_key_id: AKIDDEFAULT" out
'
cli_test 'the CLI agrees: default profile' 'same_as_cli'
cli_test 'the CLI agrees: --profile dev' 'same_as_cli --profile dev'

test_expect_success 'environment keys come first' '
	AWS_ACCESS_KEY_ID=AKIDENV AWS_SECRET_ACCESS_KEY=envsecret \
	    "$NET_TOOL" creds >out &&
	test_grep "^provider: env" out &&
	test_grep "^access_key_id: AKIDENV" out
'
cli_test 'the CLI agrees: AWS_PROFILE keeps the environment keys' '
	AWS_ACCESS_KEY_ID=AKIDENV AWS_SECRET_ACCESS_KEY=envsecret \
	    AWS_PROFILE=dev same_as_cli &&
	test_grep "^access_key_id: AKIDENV" ours
'
cli_test 'the CLI agrees: --profile skips the environment keys' '
	AWS_ACCESS_KEY_ID=AKIDENV AWS_SECRET_ACCESS_KEY=envsecret \
	    same_as_cli --profile dev &&
	test_grep "^access_key_id: AKIDDEV" ours
'

test_expect_success 'credential_process, after the credentials file' '
	cat >"$TEST_TMP/helper" <<-\SH &&
	#!/bin/sh
	printf "{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC\", \"SecretAccessKey\": \"procsecret\", \"SessionToken\": \"proctoken\", \"Expiration\": \"2099-01-01T00:00:00Z\"}"
	SH
	chmod +x "$TEST_TMP/helper" &&
	cat >"$HOME/.aws/config" <<-INI &&
	[profile proc]
	credential_process = "$TEST_TMP/helper" --role admin
	aws_access_key_id = AKIDCONFIG
	aws_secret_access_key = configsecret
	INI
	"$NET_TOOL" creds --profile proc >out &&
	test_grep "^provider: custom-process" out &&
	test_grep "^expiration: 2099-01-01T00:00:00Z" out &&
	test_grep "^session_token: yes" out
'
cli_test 'the CLI agrees: credential_process' 'same_as_cli --profile proc'

test_expect_success 'a failing credential_process is an error with its stderr' '
	cat >"$TEST_TMP/broken" <<-\SH &&
	#!/bin/sh
	echo "the vault is sealed" >&2
	exit 4
	SH
	chmod +x "$TEST_TMP/broken" &&
	printf "[profile broken]\ncredential_process = %s\n" "$TEST_TMP/broken" \
	    >"$HOME/.aws/config" &&
	expect_status 255 "$NET_TOOL" creds --profile broken 2>err &&
	test_grep "exit status 4): the vault is sealed" err
'

test_expect_success 'partial keys are an error, not a fall-through' '
	printf "[default]\naws_access_key_id = AKIDHALF\n" \
	    >"$HOME/.aws/credentials" &&
	! "$NET_TOOL" creds 2>err &&
	test_grep "no aws_secret_access_key" err
'

test_done
