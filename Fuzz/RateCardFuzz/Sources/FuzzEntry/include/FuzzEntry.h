/* Entry point glue: SwiftPM links an executable's entry as <Target>_main; this one hands
   control to libFuzzer's driver with the Swift test function. */
