"""``python -m newsclaims``: the same command line as the ``newsclaims`` script."""

from newsclaims.cli import main

if __name__ == "__main__":
    main()
