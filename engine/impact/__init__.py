"""Rule-change impact (`advise rules impact`) and the outcome that replay compares.

outcome   the comparable outcome of one piece of advice (rule statuses, asks,
          questions, grants) and the difference between two of them
simulate  the same municipalities under the shipped (baseline) and the changed
          (reform) rules and parameters, OpenFisca/PolicyEngine style
report    the impact as text, JSON or one HTML page
"""
