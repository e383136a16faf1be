from involve import create_app

app = create_app()
