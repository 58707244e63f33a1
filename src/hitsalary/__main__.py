from hitsalary import main

main()
