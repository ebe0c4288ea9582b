# aws/sign.mk: SigV4, the config files, endpoint resolution.
