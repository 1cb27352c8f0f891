from audiofeature.cli import main

main()
