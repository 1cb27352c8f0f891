from audiofeature.cli import run

run()
