# tests/lib-cli-oracle.sh: compare what the chain resolves with what the
# AWS CLI v2 resolves for the same files and environment (`aws configure
# export-credentials`). Any network access the CLI might try is sent to a
# dead proxy, so it can only use local sources. Sourced after lib.sh and
# lib-fake-responder.sh.

AWS_CLI_V2=
for p in /usr/bin/aws /usr/local/bin/aws; do
	if test -x "$p" && "$p" --version 2>/dev/null | grep -q '^aws-cli/2'; then
		AWS_CLI_V2=$p
		break
	fi
done

# cli_export [--profile P]: the CLI's credentials as "KEY SECRET_SHA256".
cli_export() {
	HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
	    NO_PROXY=127.0.0.1,localhost "$AWS_CLI_V2" configure \
	    export-credentials "$@" --format env >cli.out 2>cli.err || {
		echo "aws configure export-credentials failed:"
		cat cli.err
		return 1
	}
	cli_key=$(sed -n 's/^export AWS_ACCESS_KEY_ID=//p' cli.out)
	cli_sha=$(sed -n 's/^export AWS_SECRET_ACCESS_KEY=//p' cli.out |
	    tr -d '\n' | sha256sum | cut -d' ' -f1)
}

# same_as_cli [--profile P]: net-tool resolves what the CLI resolves.
same_as_cli() {
	"$NET_TOOL" creds "$@" >ours 2>ours.err || { cat ours.err; return 1; }
	cli_export "$@" || return 1
	test_grep "^access_key_id: $cli_key\$" ours &&
	test_grep "^secret_sha256: $cli_sha\$" ours
}
