print("tuanthu")
