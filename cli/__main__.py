"""`python -m cli`: the same as the `salesplus` console script."""

from cli.main import main

main()
