// placeholder: TuanThu
