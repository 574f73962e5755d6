from newsgen.cli.main import run

run()
