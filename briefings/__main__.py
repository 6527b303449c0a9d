from briefings.cli import main

main()
