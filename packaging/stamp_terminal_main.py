"""Entry point of the terminal bundle: the ``stamp-terminal`` command, as installed by pip."""

from app.cli import main

if __name__ == "__main__":
    main()
