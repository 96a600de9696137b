"""The `rhetoric` command and `python -m rhetoric`."""

import gc


def main() -> None:
    """Run the command line as a program, its modules imported with the garbage collector paused."""
    # Importing the command line (Typer, Click, the commands) makes tens of thousands of objects
    # that live as long as the process: the collector's passes over them while they are made cost
    # 2% of start-up. They are made with it paused, then frozen out of its reach.
    collecting = gc.isenabled()
    gc.disable()
    from .cli import program

    gc.freeze()
    if collecting:
        gc.enable()
    program()


if __name__ == "__main__":
    main()
