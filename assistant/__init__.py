"""The OverHoop assistant: hybrid retrieval and grounded Dutch answers over the programme documents."""
